import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { taskDescription } from './resources/task';

export class Todoisttasks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Todoist Tasks',
		name: 'todoisttasks',
		icon: {
			light: 'file:../../icons/todoisttasks.svg',
			dark: 'file:../../icons/todoisttasks.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find, close, reopen and delete the tasks of a Todoist account.',
		defaults: {
			name: 'Todoist Tasks',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'todoisttasksApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.todoist.com/api/v1',
			headers: {
				Accept: 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Task',
						value: 'task',
					},
				],
				default: 'task',
			},
			...taskDescription,
		],
	};
}
