import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, entries, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { issueCreateDescription } from './create';
import { issueGetDescription } from './get';
import { issueUpdateDescription } from './update';
import { issueGetAllDescription } from './getAll';
import { issueArchiveDescription } from './archive';

export const issueDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['issue'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Closes an issue (GitHub\'s REST API cannot delete one); Update Issue with a State of open reopens it',
				action: 'Archive issue',
				routing: {
					request: {
						method: 'PATCH',
						body: {
							state: 'closed',
						},
					},
					output: {
						postReceive: [simplify([
	'number',
	'title',
	'owner',
	'repo',
	'node_id',
	'body',
	'state',
	'state_reason',
	'html_url',
	'user',
])],
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
				description: 'Opens an issue in a repository',
				action: 'Create issue',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [simplify([
	'number',
	'title',
	'owner',
	'repo',
	'node_id',
	'body',
	'state',
	'state_reason',
	'html_url',
	'user',
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
				description: 'Finds an issue (or a pull request) of a repository by its number',
				action: 'Get issue',
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
	'number',
	'title',
	'owner',
	'repo',
	'node_id',
	'body',
	'state',
	'state_reason',
	'html_url',
	'user',
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
				description: 'Lists the issues of a repository, newest first (open ones unless a State is given); GitHub includes pull requests (their Pull Request field is set)',
				action: 'Get many issues',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [entries, simplify([
	'number',
	'title',
	'owner',
	'repo',
	'node_id',
	'body',
	'state',
	'state_reason',
	'html_url',
	'user',
]), notePage([], [])],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/issue/pagination', 100, 'List Issues', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes an issue; a State of closed closes it and open reopens it. Fields left empty stay as they are.',
				action: 'Update issue',
				routing: {
					request: {
						method: 'PATCH',
					},
					output: {
						postReceive: [simplify([
	'number',
	'title',
	'owner',
	'repo',
	'node_id',
	'body',
	'state',
	'state_reason',
	'html_url',
	'user',
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
	...issueCreateDescription,
	...issueGetDescription,
	...issueUpdateDescription,
	...issueGetAllDescription,
	...issueArchiveDescription,
];
