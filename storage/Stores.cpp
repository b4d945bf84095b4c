// implemented by the storage work package
