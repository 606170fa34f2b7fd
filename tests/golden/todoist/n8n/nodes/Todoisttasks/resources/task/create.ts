import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const taskCreateDescription: INodeProperties[] = [
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
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['task'],
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
];
