"""llama-index's defaults as the baseline: VectorStoreIndex.from_documents over
SimpleDirectoryReader, default SentenceSplitter, the same embedding model, similarity_top_k=10.
Its chunks, expanded to the paragraphs they overlap in document order, are its ranking."""

from __future__ import annotations

from pathlib import Path

from index.embedder import resolve_model_path
from index.sources import SUPPORTED_SUFFIXES
from index.types import Hit, Paragraph


class LlamaIndexBaseline:
    def __init__(
        self, corpora: list[Path], model: str, paragraphs_by_file: dict[str, list[Paragraph]]
    ):
        from llama_index.core import Settings as LlamaSettings
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        LlamaSettings.llm = None
        embed = HuggingFaceEmbedding(model_name=str(resolve_model_path(model)), device="cpu")
        self.documents = []
        for corpus in corpora:
            reader = SimpleDirectoryReader(
                str(corpus),
                recursive=True,
                exclude=["manifest.jsonl"],
                required_exts=sorted(s for s in SUPPORTED_SUFFIXES if s),
            )
            self.documents += reader.load_data()
        self.index = VectorStoreIndex.from_documents(self.documents, embed_model=embed)
        self.retriever = self.index.as_retriever(similarity_top_k=10)
        self.paragraphs_by_file = paragraphs_by_file

    def rank(self, question: str) -> list[Hit]:
        ranked: list[Hit] = []
        seen: set[str] = set()
        for item in self.retriever.retrieve(question):
            name = Path(item.node.metadata.get("file_path", "")).name
            document = item.node.ref_doc_id and self._document_text(item.node.ref_doc_id)
            chunk = item.node.get_content()
            start = item.node.start_char_idx
            if start is None and document:
                start = document.find(chunk)
            end = (start or 0) + len(chunk)
            for paragraph in self._overlapping(name, document or "", start or 0, end):
                if paragraph.id not in seen:
                    seen.add(paragraph.id)
                    ranked.append(Hit(paragraph, float(item.score or 0.0)))
        return ranked

    def _document_text(self, doc_id: str) -> str:
        for document in self.documents:
            if document.doc_id == doc_id:
                return document.text
        return ""

    def _overlapping(self, name: str, document: str, start: int, end: int) -> list[Paragraph]:
        found = []
        cursor = 0
        for paragraph in self.paragraphs_by_file.get(name, []):
            head = paragraph.text[:60]
            position = document.find(head, cursor)
            if position < 0:
                continue
            cursor = position
            span_end = position + len(paragraph.text)
            if position < end and span_end > start:
                found.append(paragraph)
        return found
