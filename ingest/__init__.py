"""Readers and extraction: articles in, claims, speakers and quantities out."""
