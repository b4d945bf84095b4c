// implemented by the core work package
