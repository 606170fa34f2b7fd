import type { INodeProperties } from 'n8n-workflow';
{% if description.helpers %}
import { {{ description.helpers | join(', ') }} } from '../../shared/routing';
{% endif %}
{% for part in description.parts %}
import { {{ part.const }} } from './{{ part.file }}';
{% endfor %}

export const {{ description.const }}: INodeProperties[] = {{ description.properties | ts }};
