"""The claim graph (networkx), its analytics tables and its export formats. May
import claimkb.store; reads links, never computes them."""

# The export formats, here rather than in .export so that the CLI can offer them
# without importing networkx.
FORMATS = ("graphml", "gexf", "json", "cytoscape", "neo4j", "jsonld")
