"""A local Wayback archive for tests and the demo: WARCs, pywb collections, the pywb server."""
