"""Committee reports: the papers officers take to elected members, in the council committee format
(heading block; purpose; recommendations; supporting information with the figures filled from the
data; implications; risk; equality; background papers), written on screen, produced as a PDF and
issued to members. Aggregates only: no child's name, ID or date of birth anywhere in them."""
