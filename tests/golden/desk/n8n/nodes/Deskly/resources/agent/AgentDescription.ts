import type { INodeProperties } from 'n8n-workflow';
import { sendRequest } from '../../shared/routing';

export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['agent'],
			},
		},
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists agents',
				action: 'Get many agents',
				routing: {
					request: {
						method: 'GET',
						url: '/agents',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'result.records',
								},
							},
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
		],
		default: 'getAll',
	},
];
