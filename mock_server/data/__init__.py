"""The data the mock serves, with no HTTP and no vendor in it: the model, its generation, the store, time."""
