// ag_check_links_alone() builds each layer check from its archive; it needs one source.
