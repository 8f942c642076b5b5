"""Article files -> paragraphs -> embeddings in ChromaDB + a BM25 keyword index."""
