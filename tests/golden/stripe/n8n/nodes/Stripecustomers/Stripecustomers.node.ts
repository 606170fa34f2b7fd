import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { customerDescription } from './resources/customer';

export class Stripecustomers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Customers',
		name: 'stripecustomers',
		icon: {
			light: 'file:../../icons/stripecustomers.svg',
			dark: 'file:../../icons/stripecustomers.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, list, search and delete the customers of a Stripe account.',
		defaults: {
			name: 'Stripe Customers',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'stripecustomersApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.stripe.com/v1',
			headers: {
				Accept: 'application/json',
				'Stripe-Version': '2026-09-30.endive',
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
						name: 'Customer',
						value: 'customer',
					},
				],
				default: 'customer',
			},
			...customerDescription,
		],
	};
}
