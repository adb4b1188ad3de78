"""WLPF engagement analytics: ingest vendor exports, normalize people, serve figures."""
