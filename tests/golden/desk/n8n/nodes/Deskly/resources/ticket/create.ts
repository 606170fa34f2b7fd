import type { INodeProperties } from 'n8n-workflow';
import { inRange } from '../../shared/routing';

export const ticketCreateDescription: INodeProperties[] = [
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
];
