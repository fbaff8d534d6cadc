// ag_check_links_alone() builds each layer check from its archive; a
// shared library needs one source of its own.
