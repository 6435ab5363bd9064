"""The claim graph (networkx), its analytics tables and its export formats. May
import claimkb.store; reads links, never computes them."""
