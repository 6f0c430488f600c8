"""NIST AI RMF 1.0 and the Generative AI Profile: catalog, crosswalk and explain pages."""
