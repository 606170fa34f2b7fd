import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const cardCreateDescription: INodeProperties[] = [
	{
		displayName: 'List ID',
		name: 'idList',
		type: 'string',
		default: '',
		description: 'The list the card is in',
		routing: {
			send: {
				type: 'body',
				property: 'idList',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['create'],
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
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['create'],
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
				operation: ['create'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['create'],
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
		],
	},
];
