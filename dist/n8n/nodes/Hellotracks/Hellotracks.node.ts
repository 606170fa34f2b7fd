import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { jobDescription } from './resources/job';
import { memberDescription } from './resources/member';
import { searchJobs, searchMembers } from './listSearch';

export class Hellotracks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hellotracks',
		name: 'hellotracks',
		icon: {
			light: 'file:../../icons/hellotracks.svg',
			dark: 'file:../../icons/hellotracks.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Hellotracks schedules, dispatches and tracks field service jobs. Create, update, archive and find jobs, look up team members, and react when jobs are created, updated or completed.',
		defaults: {
			name: 'Hellotracks',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hellotracksApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.hellotracks.com/v1',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
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
						name: 'Job',
						value: 'job',
					},
					{
						name: 'Member',
						value: 'member',
					},
				],
				default: 'job',
			},
			...jobDescription,
			...memberDescription,
		],
	};

	methods = {
		listSearch: {
			searchJobs,
			searchMembers,
		},
	};
}
