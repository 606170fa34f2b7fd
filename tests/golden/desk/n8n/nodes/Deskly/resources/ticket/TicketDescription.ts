import type { INodeProperties } from 'n8n-workflow';
import { inRange, isoTimes, omitEmpty, sendRequest } from '../../shared/routing';

export const ticketDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Closes a ticket',
				action: 'Archive a ticket',
				routing: {
					request: {
						method: 'PUT',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'result.records',
								},
							},
							isoTimes([['openedOn', 'openedOnIso', 'epoch_ms'], ['touchedOn', 'touchedOnIso', 'epoch_ms']]),
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
				value: 'create',
				description: 'Opens a ticket',
				action: 'Create a ticket',
				routing: {
					request: {
						method: 'POST',
						url: '/tickets',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'result.records',
								},
							},
							isoTimes([['openedOn', 'openedOnIso', 'epoch_ms'], ['touchedOn', 'touchedOnIso', 'epoch_ms']]),
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
				value: 'delete',
				description: 'Deletes a ticket',
				action: 'Delete a ticket',
				routing: {
					request: {
						method: 'DELETE',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'result.records',
								},
							},
							isoTimes([['openedOn', 'openedOnIso', 'epoch_ms'], ['touchedOn', 'touchedOnIso', 'epoch_ms']]),
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
				name: 'Update',
				value: 'update',
				description: 'Edits a ticket',
				action: 'Update a ticket',
				routing: {
					request: {
						method: 'PUT',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'result.records',
								},
							},
							isoTimes([['openedOn', 'openedOnIso', 'epoch_ms'], ['touchedOn', 'touchedOnIso', 'epoch_ms']]),
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
		default: 'create',
	},
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}/close',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['archive'],
			},
		},
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		routing: {
			send: {
				type: 'body',
				property: 'subject',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
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
				resource: ['ticket'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Owner',
				name: 'ownerEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'ownerEmail',
					},
				},
			},
			{
				displayName: 'Reference',
				name: 'ref',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'ref',
					},
				},
			},
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'number',
				typeOptions: {
					minValue: 1,
					maxValue: 5,
					numberPrecision: 0,
				},
				default: 1,
				routing: {
					send: {
						type: 'body',
						property: 'severity',
						preSend: [inRange('body', 'severity', 1, 5, true, 'Severity must be a whole number from 1 to 5.')],
					},
				},
			},
		],
	},
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['delete'],
			},
		},
	},
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
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
				resource: ['ticket'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'subject',
					},
				},
			},
		],
	},
];
