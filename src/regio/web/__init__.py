"""The server-rendered web interface: pages per region and the forms that call the services."""
