import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, isoTimes, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { jobCreateDescription } from './create';
import { jobUpdateDescription } from './update';
import { jobArchiveDescription } from './archive';
import { jobDeleteDescription } from './delete';
import { jobGetByExternalIdDescription } from './getByExternalId';
import { jobGetDescription } from './get';
import { jobGetAllDescription } from './getAll';

export const jobDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['job'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archiveJob',
				description: 'Archives a job; it leaves active schedules but stays recoverable',
				action: 'Archive job',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
]),
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
			{
				name: 'Create',
				value: 'createJob',
				description: 'Creates a new job, or updates the job that already has the same external ID',
				action: 'Create job',
				routing: {
					request: {
						method: 'POST',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
]),
						],
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
				value: 'deleteJob',
				description: 'Deletes a job. Use only for disposable or intentionally removed jobs; prefer Archive Job.',
				action: 'Delete job',
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
				description: 'Finds a job by its Hellotracks ID',
				action: 'Get job',
				routing: {
					request: {
						method: 'GET',
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
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
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
				description: 'Lists jobs, newest first, with optional filters',
				action: 'Get many jobs',
				routing: {
					request: {
						method: 'GET',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
]),
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/job/pagination', 100, 'List Jobs', null),
					},
				},
			},
			{
				name: 'Get by External ID',
				value: 'findJob',
				description: 'Finds a job by its external ID',
				action: 'Get job by external ID',
				routing: {
					request: {
						method: 'GET',
						url: '/jobs',
						qs: {
							includeArchived: true,
							limit: 1,
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
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
]),
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/job/pagination', 1, 'Find Job', 1),
					},
				},
			},
			{
				name: 'Update',
				value: 'updateJob',
				description: 'Updates the fields of an existing job; fields left empty stay as they are',
				action: 'Update job',
				routing: {
					request: {
						method: 'PATCH',
						url: '/jobs',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							isoTimes([['createdAt', 'createdAtIso', 'epoch_ms'], ['updatedAt', 'updatedAtIso', 'epoch_ms']]),
							simplify([
	'id',
	'title',
	'externalId',
	'address',
	'notes',
	'date',
	'assigneeUsername',
	'priority',
	'contact',
	'timeWindow',
]),
						],
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
		default: 'createJob',
	},
	...jobCreateDescription,
	...jobUpdateDescription,
	...jobArchiveDescription,
	...jobDeleteDescription,
	...jobGetByExternalIdDescription,
	...jobGetDescription,
	...jobGetAllDescription,
];
