/** orchestra: the typed library entry point. */
export {};
