"""vnkg: a knowledge graph of the Vietnamese state from Thai-language news."""
__version__ = "0.1.0"
