import type { INodeProperties } from 'n8n-workflow';
import { notePage, pages } from '../../shared/routing';
import { agentGetAllDescription } from './getAll';

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
							notePage(['result', 'records'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages(null, 100, 'List Agents', null),
					},
				},
			},
		],
		default: 'getAll',
	},
	...agentGetAllDescription,
];
