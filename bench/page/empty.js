// The start-up floor: importing a module that does nothing.
export const ready = true;
