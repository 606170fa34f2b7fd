import type { INodeProperties } from 'n8n-workflow';
import { isoTimes, omitEmpty, sendRequest } from '../../shared/routing';
import { ticketCreateDescription } from './create';
import { ticketUpdateDescription } from './update';
import { ticketArchiveDescription } from './archive';
import { ticketDeleteDescription } from './delete';

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
				action: 'Archive ticket',
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
				action: 'Create ticket',
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
				action: 'Delete ticket',
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
				name: 'Update',
				value: 'update',
				description: 'Edits a ticket',
				action: 'Update ticket',
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
	...ticketCreateDescription,
	...ticketUpdateDescription,
	...ticketArchiveDescription,
	...ticketDeleteDescription,
];
