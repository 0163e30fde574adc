"""Running text: sentences (`sentences`) and the figures written in them (`quantities`)."""
