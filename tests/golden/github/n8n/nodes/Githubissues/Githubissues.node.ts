import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { issueDescription } from './resources/issue';

export class Githubissues implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GitHub Issues',
		name: 'githubissues',
		icon: {
			light: 'file:../../icons/githubissues.svg',
			dark: 'file:../../icons/githubissues.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find and close the issues of a GitHub repository, and trigger on new or updated ones.',
		defaults: {
			name: 'GitHub Issues',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'githubissuesApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.github.com',
			headers: {
				Accept: 'application/vnd.github+json',
				'X-GitHub-Api-Version': '2022-11-28',
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
						name: 'Issue',
						value: 'issue',
					},
				],
				default: 'issue',
			},
			...issueDescription,
		],
	};
}
