"""A development server that knows nothing about the museum: it serves a folder, watches files,
rebuilds through a callable it is given and reloads the browser. Lands with the authoring loop."""
