"""The HTTP wiring around the dialects: Connexion plug-ins, validation, auth, replies, control routes."""
