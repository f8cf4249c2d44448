from lontar.catalog.models.choices import (
    ColumnType,
    DataClass,
    DatasetState,
    ReferenceKind,
    ResourceFormat,
    SpatialLevel,
    UpdateFrequency,
)
from lontar.catalog.models.datarequest import DataRequest, DataRequestStatus
from lontar.catalog.models.dataset import Dataset, DatasetTransition, DatasetVersion
from lontar.catalog.models.entry import CatalogEntry, CatalogVersion, EntryFormat, EntryYear
from lontar.catalog.models.resource import Column, Resource, ResourceVersion
from lontar.catalog.models.statmeta import ActivityMetadata, IndicatorMetadata, VariableMetadata
from lontar.catalog.models.taxonomy import Tag, Topic, TopicGroup

__all__ = [
    "ActivityMetadata",
    "CatalogEntry",
    "CatalogVersion",
    "Column",
    "ColumnType",
    "DataClass",
    "DataRequest",
    "DataRequestStatus",
    "Dataset",
    "DatasetState",
    "DatasetTransition",
    "DatasetVersion",
    "EntryFormat",
    "EntryYear",
    "IndicatorMetadata",
    "ReferenceKind",
    "Resource",
    "ResourceFormat",
    "ResourceVersion",
    "SpatialLevel",
    "Tag",
    "Topic",
    "TopicGroup",
    "UpdateFrequency",
    "VariableMetadata",
]
