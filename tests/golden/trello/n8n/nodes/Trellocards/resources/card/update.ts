import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const cardUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/cards/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['update'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['update'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Description',
				name: 'desc',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'desc',
					},
				},
			},
			{
				displayName: 'Due',
				name: 'due',
				type: 'dateTime',
				default: '',
				description: 'When the card is due',
				routing: {
					send: {
						type: 'body',
						property: 'due',
						preSend: [asDateTime('body', 'due', 'iso8601', 'Due must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Due Complete',
				name: 'dueComplete',
				type: 'boolean',
				default: false,
				description: 'Whether to due complete',
				routing: {
					send: {
						type: 'body',
						property: 'dueComplete',
					},
				},
			},
			{
				displayName: 'Label IDs',
				name: 'idLabels',
				type: 'string',
				default: [],
				typeOptions: {
					multipleValues: true,
				},
				description: 'The board\'s labels to put on the card',
				routing: {
					send: {
						type: 'body',
						property: 'idLabels',
					},
				},
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'name',
					},
				},
			},
		],
	},
];
