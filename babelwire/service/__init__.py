"""The HTTP service: JSON API, web pages and feed watching.

`babelwire.service.app.create_app` builds the web application;
`babelwire.service.commands` holds the `serve` and `watch` commands.
Importing this package loads no web framework, so the CLI stays quick.
"""
