"""connector-gen: one capability spec in, Zapier, Make and n8n connectors out."""

__version__ = "0.1.0"
