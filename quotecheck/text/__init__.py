"""Text layer: offset-preserving normalisation and sentence/word segmentation."""
