"""The command-line interface (Typer + Rich): a thin shell over the domain and the services.

Modules here never import the store; heavy libraries are imported inside the commands that need
them so that ``runcoach --help`` and the calculators start fast.
"""
