import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const taskDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['task'],
			},
		},
		options: [
			{
				name: 'Close',
				value: 'close',
				description: 'Completes a task (a recurring one moves to its next date); Todoist answers with no content',
				action: 'Close a task',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [],
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
				value: 'create',
				description: 'Adds a task (to the Inbox unless a project is given)',
				action: 'Create a task',
				routing: {
					request: {
						method: 'POST',
						url: '/tasks',
					},
					output: {
						postReceive: [],
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
				value: 'delete',
				description: 'Deletes a task and its sub-tasks for good; Todoist answers with no content',
				action: 'Delete a task',
				routing: {
					request: {
						method: 'DELETE',
					},
					output: {
						postReceive: [],
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
				name: 'Get',
				value: 'get',
				description: 'Finds an active task by its ID',
				action: 'Get a task',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
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
				description: 'Lists up to 200 active tasks, optionally of one project or with one label',
				action: 'Get many tasks',
				routing: {
					request: {
						method: 'GET',
						url: '/tasks',
						qs: {
							limit: 200,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'results',
								},
							},
							notePage(['results'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/task/pagination', 200, 'List Tasks', null),
					},
				},
			},
			{
				name: 'Reopen',
				value: 'reopen',
				description: 'Makes a completed task active again; Todoist answers with no content',
				action: 'Reopen a task',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [],
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
				name: 'Update',
				value: 'update',
				description: 'Changes a task; fields left empty stay as they are',
				action: 'Update a task',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [],
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
		default: 'create',
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tasks/{{ encodeURIComponent($value) }}/close',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": $value, "success": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
				operation: ['close'],
			},
		},
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: '',
		placeholder: 'e.g. Buy milk',
		description: 'The task\'s title (Markdown allowed)',
		routing: {
			send: {
				type: 'body',
				property: 'content',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
				operation: ['create'],
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
				resource: ['task'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. From the corner shop',
				routing: {
					send: {
						type: 'body',
						property: 'description',
					},
				},
			},
			{
				displayName: 'Due Date and Time',
				name: 'dueDatetime',
				type: 'dateTime',
				default: '',
				description: 'When the task is due, as a date and time (sent in UTC)',
				routing: {
					send: {
						type: 'body',
						property: 'due_datetime',
						preSend: [asDateTime('body', 'due_datetime', 'iso8601', 'Due Date and Time must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: [],
				typeOptions: {
					multipleValues: true,
				},
				description: 'Label names (not IDs); a name that does not exist yet is created',
				routing: {
					send: {
						type: 'body',
						property: 'labels',
					},
				},
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{
						name: 'High (P2)',
						value: 3,
					},
					{
						name: 'Medium (P3)',
						value: 2,
					},
					{
						name: 'Normal (P4)',
						value: 1,
					},
					{
						name: 'Urgent (P1)',
						value: 4,
					},
				],
				default: 3,
				description: '1 is normal and 4 is urgent (the apps show them the other way round, as p4 to p1)',
				routing: {
					send: {
						type: 'body',
						property: 'priority',
					},
				},
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6Jf8VQXxpwv56VQ7',
				description: 'Leave empty for the Inbox',
				routing: {
					send: {
						type: 'body',
						property: 'project_id',
					},
				},
			},
		],
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tasks/{{ encodeURIComponent($value) }}',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": $value, "deleted": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
				operation: ['delete'],
			},
		},
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tasks/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
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
				resource: ['task'],
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
				resource: ['task'],
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
				resource: ['task'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				description: 'Only tasks that carry this label name',
				routing: {
					send: {
						type: 'query',
						property: 'label',
					},
				},
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'project_id',
					},
				},
			},
		],
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tasks/{{ encodeURIComponent($value) }}/reopen',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": $value, "success": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
				operation: ['reopen'],
			},
		},
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tasks/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['task'],
				operation: ['update'],
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
				resource: ['task'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Content',
				name: 'content',
				type: 'string',
				default: '',
				placeholder: 'e.g. Buy milk',
				description: 'The task\'s title (Markdown allowed)',
				routing: {
					send: {
						type: 'body',
						property: 'content',
					},
				},
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. From the corner shop',
				routing: {
					send: {
						type: 'body',
						property: 'description',
					},
				},
			},
			{
				displayName: 'Due Date and Time',
				name: 'dueDatetime',
				type: 'dateTime',
				default: '',
				description: 'When the task is due, as a date and time (sent in UTC)',
				routing: {
					send: {
						type: 'body',
						property: 'due_datetime',
						preSend: [asDateTime('body', 'due_datetime', 'iso8601', 'Due Date and Time must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: [],
				typeOptions: {
					multipleValues: true,
				},
				description: 'Label names (not IDs); a name that does not exist yet is created',
				routing: {
					send: {
						type: 'body',
						property: 'labels',
					},
				},
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{
						name: 'High (P2)',
						value: 3,
					},
					{
						name: 'Medium (P3)',
						value: 2,
					},
					{
						name: 'Normal (P4)',
						value: 1,
					},
					{
						name: 'Urgent (P1)',
						value: 4,
					},
				],
				default: 3,
				description: '1 is normal and 4 is urgent (the apps show them the other way round, as p4 to p1)',
				routing: {
					send: {
						type: 'body',
						property: 'priority',
					},
				},
			},
		],
	},
];
