import type { INodeProperties } from 'n8n-workflow';

export const taskReopenDescription: INodeProperties[] = [
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
];
