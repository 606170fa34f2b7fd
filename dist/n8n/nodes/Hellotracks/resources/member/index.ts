import type { INodeProperties } from 'n8n-workflow';
import { notePage, pages } from '../../shared/routing';
import { memberSearchDescription } from './search';
import { memberGetAllDescription } from './getAll';

export const memberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['member'],
			},
		},
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists the members of the account',
				action: 'Get many members',
				routing: {
					request: {
						method: 'GET',
						url: '/members',
						qs: {
							max: 50,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 50, 'List Members', null),
					},
				},
			},
			{
				name: 'Search',
				value: 'findMember',
				description: 'Finds a member whose email, username, name or ID is the text you give (email, username and name in any case)',
				action: 'Search members',
				routing: {
					request: {
						method: 'GET',
						url: '/members',
						qs: {
							max: 50,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							{
								type: 'filter',
								properties: {
									pass: '={{ ($responseItem.email != null && String($responseItem.email).trim().toLowerCase() === String($parameter[\'query\']).trim().toLowerCase()) || ($responseItem.username != null && String($responseItem.username).trim().toLowerCase() === String($parameter[\'query\']).trim().toLowerCase()) || ($responseItem.name != null && String($responseItem.name).trim().toLowerCase() === String($parameter[\'query\']).trim().toLowerCase()) || ($responseItem.id != null && String($responseItem.id).trim() === String($parameter[\'query\']).trim()) }}',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 50, 'Find Member', 1),
					},
				},
			},
		],
		default: 'findMember',
	},
	...memberSearchDescription,
	...memberGetAllDescription,
];
