// The server's rule for the names of backups it creates (it answers 400 otherwise).
export const NAME_RULE = /^[a-z0-9_-]+\.zip$/;
export const NAME_MAX = 150;
