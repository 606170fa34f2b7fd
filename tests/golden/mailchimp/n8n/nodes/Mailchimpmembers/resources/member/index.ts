import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { memberCreateDescription } from './create';
import { memberUpdateDescription } from './update';
import { memberGetDescription } from './get';
import { memberSearchDescription } from './search';
import { memberGetAllDescription } from './getAll';
import { memberArchiveDescription } from './archive';

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
				name: 'Archive',
				value: 'archive',
				description: 'Archives a member; the address can be added again later',
				action: 'Archive member',
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
				name: 'Create',
				value: 'create',
				description: 'Adds a member to the audience; an address already there is refused',
				action: 'Create member',
				routing: {
					request: {
						method: 'POST',
						url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members',
					},
					output: {
						postReceive: [simplify([
	'id',
	'email_address',
	'status',
	'email_type',
	'merge_fields',
	'tags',
	'tags_count',
	'full_name',
	'list_id',
	'timestamp_opt',
])],
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
				name: 'Get',
				value: 'get',
				description: 'Finds a member by subscriber hash',
				action: 'Get member',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							simplify([
	'id',
	'email_address',
	'status',
	'email_type',
	'merge_fields',
	'tags',
	'tags_count',
	'full_name',
	'list_id',
	'timestamp_opt',
]),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: emptyOnStatus(404),
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists the audience\'s members, page by page, optionally by status or changed since a moment',
				action: 'Get many members',
				routing: {
					request: {
						method: 'GET',
						url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'members',
								},
							},
							simplify([
	'id',
	'email_address',
	'status',
	'email_type',
	'merge_fields',
	'tags',
	'tags_count',
	'full_name',
	'list_id',
	'timestamp_opt',
]),
							notePage(['members'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 1000, 'List Members', null),
					},
				},
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Finds the member with this email address (Mailchimp\'s member search, its exact matches)',
				action: 'Search members',
				routing: {
					request: {
						method: 'GET',
						url: '/search-members',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'exact_matches.members',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							simplify([
	'id',
	'email_address',
	'status',
	'email_type',
	'merge_fields',
	'tags',
	'tags_count',
	'full_name',
	'list_id',
	'timestamp_opt',
]),
							notePage(['exact_matches', 'members'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('operations/find_member/pagination', 100, 'Find Member by Email', 1),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes a member\'s status, email type or merge fields',
				action: 'Update member',
				routing: {
					request: {
						method: 'PATCH',
					},
					output: {
						postReceive: [simplify([
	'id',
	'email_address',
	'status',
	'email_type',
	'merge_fields',
	'tags',
	'tags_count',
	'full_name',
	'list_id',
	'timestamp_opt',
])],
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
	...memberCreateDescription,
	...memberUpdateDescription,
	...memberGetDescription,
	...memberSearchDescription,
	...memberGetAllDescription,
	...memberArchiveDescription,
];
