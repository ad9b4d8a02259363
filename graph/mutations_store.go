package graph

import (
	"context"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// WriteStore is what the mutations need of the graph database. Each method is one write
// transaction, applied whole or not at all; each names the error codes it returns in
// neo4jstore.
type WriteStore interface {
	CreateSchool(ctx context.Context, in aspnet.NewSchool, p aspnet.Provenance) (school *aspnet.School, created bool, err error)
	UpdateSchool(ctx context.Context, key string, ch aspnet.SchoolChange, p aspnet.Provenance) (*aspnet.School, error)
	DeleteSchool(ctx context.Context, key string, p aspnet.Provenance) error
	JoinNetwork(ctx context.Context, in aspnet.Join, p aspnet.Provenance) (*aspnet.Membership, error)
	LeaveNetwork(ctx context.Context, in aspnet.Leave, p aspnet.Provenance) (*aspnet.Membership, error)
	CreateEvent(ctx context.Context, in aspnet.NewEvent, p aspnet.Provenance) (*aspnet.Event, error)
	UpdateEvent(ctx context.Context, key string, ch aspnet.EventChange, p aspnet.Provenance) (*aspnet.Event, error)
	DeleteEvent(ctx context.Context, key string, p aspnet.Provenance) error
	LinkEvent(ctx context.Context, eventKey string, l aspnet.EventLinkTo, p aspnet.Provenance) (*aspnet.Event, error)
	UnlinkEvent(ctx context.Context, eventKey string, l aspnet.EventLinkTo, p aspnet.Provenance) (*aspnet.Event, error)
	CreateOrganization(ctx context.Context, in aspnet.NewOrganization, p aspnet.Provenance) (*aspnet.Organization, error)
	UpdateOrganization(ctx context.Context, key string, ch aspnet.OrganizationChange, p aspnet.Provenance) (*aspnet.Organization, error)
	DeleteOrganization(ctx context.Context, key string, p aspnet.Provenance) error
	CreateKeyArea(ctx context.Context, in aspnet.NewKeyArea, p aspnet.Provenance) (*aspnet.KeyArea, error)
	UpdateKeyArea(ctx context.Context, key string, ch aspnet.KeyAreaChange, p aspnet.Provenance) (*aspnet.KeyArea, error)
	DeleteKeyArea(ctx context.Context, key string, p aspnet.Provenance) error
	CreateSource(ctx context.Context, in aspnet.NewSource, by string, at time.Time) (*aspnet.Source, error)
	UpdateSource(ctx context.Context, key string, ch aspnet.SourceChange, p aspnet.Provenance) (*aspnet.Source, error)
	AddKeyAreaPeriod(ctx context.Context, in aspnet.NewKeyAreaPeriod, p aspnet.Provenance) (*aspnet.KeyArea, error)
	AddFoundingClaim(ctx context.Context, orgKey string, date aspnet.Date, p aspnet.Provenance) (*aspnet.Organization, error)
	AddAppeal(ctx context.Context, in aspnet.NewAppeal, p aspnet.Provenance) (*aspnet.Appeal, error)
	RemoveKeyAreaPeriod(ctx context.Context, keyAreaKey, networkKey, label string, p aspnet.Provenance) (*aspnet.KeyArea, error)
	RemoveFoundingClaim(ctx context.Context, orgKey string, date aspnet.Date, p aspnet.Provenance) (*aspnet.Organization, error)
	DeleteAppeal(ctx context.Context, key string, p aspnet.Provenance) error
	// Removals is a page of the records deletions and unlinkings leave, newest first.
	Removals(ctx context.Context, p aspnet.Page) (*aspnet.Conn[*aspnet.Removal], error)
}
