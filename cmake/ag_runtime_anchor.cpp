// libag.so is assembled from the component archives; it needs one source.
