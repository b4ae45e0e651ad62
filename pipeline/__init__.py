"""lvpress: Latvian press releases about EU-funded projects -> auditable datasets."""

__version__ = "0.1.0"
