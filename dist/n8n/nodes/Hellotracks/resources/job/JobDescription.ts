import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, inRange, isoTimes, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const jobDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['job'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archiveJob',
				description: 'Archives a job; it leaves active schedules but stays recoverable',
				action: 'Archive a job',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
			{
				name: 'Create',
				value: 'createJob',
				description: 'Creates a new job, or updates the job that already has the same external ID',
				action: 'Create a job',
				routing: {
					request: {
						method: 'POST',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
						],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
			{
				name: 'Delete',
				value: 'deleteJob',
				description: 'Deletes a job. Use only for disposable or intentionally removed jobs; prefer Archive Job.',
				action: 'Delete a job',
				routing: {
					request: {
						method: 'DELETE',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
			{
				name: 'Find by External ID',
				value: 'findJob',
				description: 'Finds a job by its external ID',
				action: 'Find a job by external ID',
				routing: {
					request: {
						method: 'GET',
						url: '/jobs',
						qs: {
							includeArchived: true,
							limit: 1,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/job/pagination', 1, 'Find Job', 1),
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Finds a job by its Hellotracks ID',
				action: 'Get a job',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: emptyOnStatus(404),
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists jobs, newest first, with optional filters',
				action: 'Get many jobs',
				routing: {
					request: {
						method: 'GET',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/job/pagination', 100, 'List Jobs', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'updateJob',
				description: 'Updates the fields of an existing job; fields left empty stay as they are',
				action: 'Update a job',
				routing: {
					request: {
						method: 'PATCH',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
						],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
		],
		default: 'createJob',
	},
	{
		displayName: 'Job ID',
		name: 'id',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			request: {
				url: '=/jobs/{{ encodeURIComponent($value) }}/archive',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['archiveJob'],
			},
		},
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Emergency Exit Lighting Inspection',
		description: 'A short title shown on the schedule',
		routing: {
			send: {
				type: 'body',
				property: 'title',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['createJob'],
			},
		},
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['createJob'],
			},
		},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. South Road, San Francisco, CA',
				description: 'The street address of the job, as you would type it into a map',
				routing: {
					send: {
						type: 'body',
						property: 'address',
					},
				},
			},
			{
				displayName: 'Assignee',
				name: 'assigneeUsername',
				description: 'The member the job is assigned to, usually their email or login name',
				type: 'resourceLocator',
				default: {
					mode: 'list',
					value: '',
				},
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: {
							searchListMethod: 'searchMembers',
							searchable: true,
						},
					},
					{
						displayName: 'By Username',
						name: 'username',
						type: 'string',
						placeholder: 'e.g. worker@example.com',
					},
				],
				routing: {
					send: {
						type: 'body',
						property: 'assigneeUsername',
					},
				},
			},
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'contact.email',
					},
				},
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Olivia Martinez',
				description: 'Who to meet on site',
				routing: {
					send: {
						type: 'body',
						property: 'contact.name',
					},
				},
			},
			{
				displayName: 'Contact Phone',
				name: 'contactPhone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155556789',
				description: 'Phone number in international format',
				routing: {
					send: {
						type: 'body',
						property: 'contact.phone',
					},
				},
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'The day the job is scheduled for (YYYY-MM-DD)',
				routing: {
					send: {
						type: 'body',
						property: 'date',
					},
				},
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				placeholder: 'e.g. SRP-4828',
				description: 'A stable ID from your source system. Creating a job with an external ID that already exists updates that job instead of creating a duplicate.',
				routing: {
					send: {
						type: 'body',
						property: 'externalId',
					},
				},
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				placeholder: 'e.g. Inspect emergency lighting after reported outage.',
				description: 'Instructions for the person doing the job',
				routing: {
					send: {
						type: 'body',
						property: 'notes',
					},
				},
			},
			{
				displayName: 'Place ID',
				name: 'placeId',
				type: 'string',
				default: '',
				description: 'Advanced. The ID of an existing Hellotracks place; prefer Address unless you have a valid place ID.',
				routing: {
					send: {
						type: 'body',
						property: 'placeId',
					},
				},
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: {
					minValue: 0,
					maxValue: 10,
					numberPrecision: 0,
				},
				default: 0,
				description: 'From 0 (lowest) to 10 (highest)',
				routing: {
					send: {
						type: 'body',
						property: 'priority',
						preSend: [inRange('body', 'priority', 0, 10, true, 'Priority must be a whole number from 0 to 10.')],
					},
				},
			},
			{
				displayName: 'Time Window End',
				name: 'timeWindowEnd',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Latest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.end',
					},
				},
			},
			{
				displayName: 'Time Window Start',
				name: 'timeWindowStart',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Earliest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.start',
					},
				},
			},
		],
	},
	{
		displayName: 'Job ID',
		name: 'id',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			request: {
				url: '=/jobs/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['deleteJob'],
			},
		},
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		routing: {
			send: {
				type: 'query',
				property: 'externalId',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['findJob'],
			},
		},
	},
	{
		displayName: 'Job ID',
		name: 'jobId',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			request: {
				url: '=/jobs/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
			},
		},
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
				returnAll: [false],
			},
		},
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Assignee Username',
				name: 'assigneeUsername',
				type: 'resourceLocator',
				default: {
					mode: 'list',
					value: '',
				},
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: {
							searchListMethod: 'searchMembers',
							searchable: true,
						},
					},
					{
						displayName: 'By Username',
						name: 'username',
						type: 'string',
						placeholder: 'e.g. worker@example.com',
					},
				],
				routing: {
					send: {
						type: 'query',
						property: 'assigneeUsername',
					},
				},
			},
			{
				displayName: 'Created Since',
				name: 'createdSince',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'createdSince',
						preSend: [asDateTime('query', 'createdSince', 'epoch_ms', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of milliseconds since 1970.')],
					},
				},
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived',
				routing: {
					send: {
						type: 'query',
						property: 'includeArchived',
					},
				},
			},
			{
				displayName: 'Progress',
				name: 'progress',
				type: 'options',
				options: [
					{
						name: 'Accepted',
						value: 'accepted',
					},
					{
						name: 'Failed',
						value: 'failed',
					},
					{
						name: 'Scheduled',
						value: 'scheduled',
					},
					{
						name: 'Started',
						value: 'started',
					},
					{
						name: 'Success',
						value: 'success',
					},
				],
				default: 'accepted',
				routing: {
					send: {
						type: 'query',
						property: 'progress',
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'updatedSince',
						preSend: [asDateTime('query', 'updatedSince', 'epoch_ms', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of milliseconds since 1970.')],
					},
				},
			},
		],
	},
	{
		displayName: 'Job ID',
		name: 'id',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			send: {
				type: 'body',
				property: 'id',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['updateJob'],
			},
		},
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['updateJob'],
			},
		},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. South Road, San Francisco, CA',
				description: 'The street address of the job, as you would type it into a map',
				routing: {
					send: {
						type: 'body',
						property: 'address',
					},
				},
			},
			{
				displayName: 'Assignee',
				name: 'assigneeUsername',
				description: 'The member the job is assigned to, usually their email or login name',
				type: 'resourceLocator',
				default: {
					mode: 'list',
					value: '',
				},
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: {
							searchListMethod: 'searchMembers',
							searchable: true,
						},
					},
					{
						displayName: 'By Username',
						name: 'username',
						type: 'string',
						placeholder: 'e.g. worker@example.com',
					},
				],
				routing: {
					send: {
						type: 'body',
						property: 'assigneeUsername',
					},
				},
			},
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'contact.email',
					},
				},
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Olivia Martinez',
				description: 'Who to meet on site',
				routing: {
					send: {
						type: 'body',
						property: 'contact.name',
					},
				},
			},
			{
				displayName: 'Contact Phone',
				name: 'contactPhone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155556789',
				description: 'Phone number in international format',
				routing: {
					send: {
						type: 'body',
						property: 'contact.phone',
					},
				},
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'The day the job is scheduled for (YYYY-MM-DD)',
				routing: {
					send: {
						type: 'body',
						property: 'date',
					},
				},
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				placeholder: 'e.g. SRP-4828',
				description: 'A stable ID from your source system. Creating a job with an external ID that already exists updates that job instead of creating a duplicate.',
				routing: {
					send: {
						type: 'body',
						property: 'externalId',
					},
				},
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				placeholder: 'e.g. Inspect emergency lighting after reported outage.',
				description: 'Instructions for the person doing the job',
				routing: {
					send: {
						type: 'body',
						property: 'notes',
					},
				},
			},
			{
				displayName: 'Place ID',
				name: 'placeId',
				type: 'string',
				default: '',
				description: 'Advanced. The ID of an existing Hellotracks place; prefer Address unless you have a valid place ID.',
				routing: {
					send: {
						type: 'body',
						property: 'placeId',
					},
				},
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: {
					minValue: 0,
					maxValue: 10,
					numberPrecision: 0,
				},
				default: 0,
				description: 'From 0 (lowest) to 10 (highest)',
				routing: {
					send: {
						type: 'body',
						property: 'priority',
						preSend: [inRange('body', 'priority', 0, 10, true, 'Priority must be a whole number from 0 to 10.')],
					},
				},
			},
			{
				displayName: 'Time Window End',
				name: 'timeWindowEnd',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Latest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.end',
					},
				},
			},
			{
				displayName: 'Time Window Start',
				name: 'timeWindowStart',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Earliest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.start',
					},
				},
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'e.g. Emergency Exit Lighting Inspection',
				description: 'A short title shown on the schedule',
				routing: {
					send: {
						type: 'body',
						property: 'title',
					},
				},
			},
		],
	},
];
