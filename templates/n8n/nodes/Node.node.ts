import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
{% for d in descriptions %}
import { {{ d.const }} } from './resources/{{ d.folder }}';
{% endfor %}
{% if sources %}
import { {{ sources | map(attribute='name') | join(', ') }} } from './listSearch';
{% endif %}

export class {{ pascal }} implements INodeType {
	description: INodeTypeDescription = {{ action | ts(1) }};
{% if sources %}

	methods = {
		listSearch: {
{% for s in sources %}
			{{ s.name }},
{% endfor %}
		},
	};
{% endif %}
}
