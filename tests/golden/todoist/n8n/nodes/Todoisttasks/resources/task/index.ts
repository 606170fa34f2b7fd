import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { taskCreateDescription } from './create';
import { taskGetDescription } from './get';
import { taskUpdateDescription } from './update';
import { taskGetAllDescription } from './getAll';
import { taskCloseDescription } from './close';
import { taskReopenDescription } from './reopen';
import { taskDeleteDescription } from './delete';

export const taskDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['task'],
			},
		},
		options: [
			{
				name: 'Close',
				value: 'close',
				description: 'Completes a task (a recurring one moves to its next date); Todoist answers with no content',
				action: 'Close task',
				routing: {
					request: {
						method: 'POST',
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
				description: 'Adds a task (to the Inbox unless a project is given)',
				action: 'Create task',
				routing: {
					request: {
						method: 'POST',
						url: '/tasks',
					},
					output: {
						postReceive: [simplify([
	'id',
	'content',
	'description',
	'project_id',
	'labels',
	'priority',
	'due',
	'due_datetime',
	'checked',
	'added_at',
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
				name: 'Delete',
				value: 'delete',
				description: 'Deletes a task and its sub-tasks for good; Todoist answers with no content',
				action: 'Delete task',
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
				name: 'Get',
				value: 'get',
				description: 'Finds an active task by its ID',
				action: 'Get task',
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
	'content',
	'description',
	'project_id',
	'labels',
	'priority',
	'due',
	'due_datetime',
	'checked',
	'added_at',
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
				description: 'Lists up to 200 active tasks, optionally of one project or with one label',
				action: 'Get many tasks',
				routing: {
					request: {
						method: 'GET',
						url: '/tasks',
						qs: {
							limit: 200,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'results',
								},
							},
							simplify([
	'id',
	'content',
	'description',
	'project_id',
	'labels',
	'priority',
	'due',
	'due_datetime',
	'checked',
	'added_at',
]),
							notePage(['results'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/task/pagination', 200, 'List Tasks', null),
					},
				},
			},
			{
				name: 'Reopen',
				value: 'reopen',
				description: 'Makes a completed task active again; Todoist answers with no content',
				action: 'Reopen task',
				routing: {
					request: {
						method: 'POST',
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
				name: 'Update',
				value: 'update',
				description: 'Changes a task; fields left empty stay as they are',
				action: 'Update task',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [simplify([
	'id',
	'content',
	'description',
	'project_id',
	'labels',
	'priority',
	'due',
	'due_datetime',
	'checked',
	'added_at',
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
	...taskCreateDescription,
	...taskGetDescription,
	...taskUpdateDescription,
	...taskGetAllDescription,
	...taskCloseDescription,
	...taskReopenDescription,
	...taskDeleteDescription,
];
