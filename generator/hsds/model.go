package hsds

// The HSDS 3 records the export writes, with the fields in the order of the
// specification's schemas. Only fields the directory can fill are here;
// HSDS requires `id` on every record and a few more fields on some (noted).

// Organization is an HSDS organization. In organizations/ID.json it is
// "organization_full": Phones, Locations and Services are nested. In the
// list, organizations.json, they are left out.
type Organization struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"` // required
	AlternateName string     `json:"alternate_name,omitempty"`
	Description   string     `json:"description"` // required
	Email         string     `json:"email,omitempty"`
	Website       string     `json:"website,omitempty"`
	Phones        []Phone    `json:"phones,omitempty"`
	Locations     []Location `json:"locations,omitempty"`
	Services      []Service  `json:"services,omitempty"`
}

// Service is an HSDS service.
type Service struct {
	ID                     string     `json:"id"`
	OrganizationID         string     `json:"organization_id"`
	Name                   string     `json:"name"`
	Description            string     `json:"description,omitempty"`
	Status                 string     `json:"status"` // required: always "active"
	EligibilityDescription string     `json:"eligibility_description,omitempty"`
	MinimumAge             *int       `json:"minimum_age,omitempty"`
	MaximumAge             *int       `json:"maximum_age,omitempty"`
	AssuredDate            string     `json:"assured_date,omitempty"`
	Schedules              []Schedule `json:"schedules,omitempty"`
	Languages              []Language `json:"languages,omitempty"`
}

// Location is an HSDS location.
type Location struct {
	ID             string    `json:"id"`
	LocationType   string    `json:"location_type"` // required: physical, postal or virtual
	OrganizationID string    `json:"organization_id"`
	Name           string    `json:"name,omitempty"`
	Description    string    `json:"description,omitempty"`
	Latitude       *float64  `json:"latitude,omitempty"`
	Longitude      *float64  `json:"longitude,omitempty"`
	Addresses      []Address `json:"addresses,omitempty"`
}

// Address is an HSDS address. The schema requires all but attention,
// address_2 and region, so those are written even when empty.
type Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id"`
	Attention     string `json:"attention,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	Region        string `json:"region,omitempty"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Phone is an HSDS phone.
type Phone struct {
	ID             string     `json:"id"`
	OrganizationID string     `json:"organization_id"`
	Number         string     `json:"number"`
	Extension      *int64     `json:"extension,omitempty"` // a number in HSDS
	Type           string     `json:"type,omitempty"`
	Description    string     `json:"description,omitempty"`
	Languages      []Language `json:"languages,omitempty"`
}

// Schedule is an HSDS schedule: an iCalendar-style weekly rule.
type Schedule struct {
	ID          string   `json:"id"`
	ServiceID   string   `json:"service_id"`
	ValidFrom   string   `json:"valid_from,omitempty"`
	ValidTo     string   `json:"valid_to,omitempty"`
	Timezone    *float64 `json:"timezone,omitempty"` // UTC offset in hours
	Freq        string   `json:"freq,omitempty"`
	Byday       string   `json:"byday,omitempty"`
	Description string   `json:"description,omitempty"`
	OpensAt     string   `json:"opens_at,omitempty"`
	ClosesAt    string   `json:"closes_at,omitempty"`
	Notes       string   `json:"notes,omitempty"`
}

// Language is an HSDS language, linked to a service or a phone.
type Language struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	PhoneID   string `json:"phone_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Code      string `json:"code"`
}

// Page is the list in organizations.json, shaped as an HSDS API response
// to GET /organizations: one page holding every organization.
type Page struct {
	TotalItems int            `json:"total_items"`
	TotalPages int            `json:"total_pages"`
	PageNumber int            `json:"page_number"`
	Size       int            `json:"size"`
	FirstPage  bool           `json:"first_page"`
	LastPage   bool           `json:"last_page"`
	Empty      bool           `json:"empty"`
	Contents   []Organization `json:"contents"`
}
