// What Home Assistant's MQTT platforms accept in a discovery config, for the platforms the
// daemon announces: the keys each schema allows (abbreviations are not used by the daemon),
// the required ones, and the rules Home Assistant checks beyond the keys. From Home
// Assistant's MQTT integration (homeassistant/components/mqtt: abbreviations.py, the
// PLATFORM_SCHEMA_MODERN of sensor.py, event.py, switch.py, button.py, binary_sensor.py and
// the shared MQTT_ENTITY_COMMON_SCHEMA / MQTT_AVAILABILITY_SCHEMA in entity.py and schemas.py).

const COMMON = [
  'availability', 'availability_mode', 'availability_template', 'availability_topic', 'payload_available',
  'payload_not_available', 'device', 'origin', 'enabled_by_default', 'entity_category', 'entity_picture', 'icon',
  'json_attributes_template', 'json_attributes_topic', 'name', 'object_id', 'default_entity_id', 'unique_id', 'qos',
  'encoding', 'platform',
];
const DEVICE = ['configuration_url', 'connections', 'hw_version', 'identifiers', 'manufacturer', 'model', 'model_id', 'name', 'serial_number', 'suggested_area', 'sw_version', 'via_device'];
const ORIGIN = ['name', 'sw_version', 'support_url'];

interface Platform {
  keys: string[];
  required: string[];
  deviceClasses?: string[];
  entityCategories: string[];
}

export const PLATFORMS: Record<string, Platform> = {
  sensor: {
    keys: ['state_topic', 'value_template', 'device_class', 'state_class', 'unit_of_measurement', 'expire_after', 'force_update', 'last_reset_value_template', 'options', 'suggested_display_precision'],
    required: ['state_topic'],
    deviceClasses: ['enum', 'timestamp', 'duration', 'date', 'temperature', 'humidity', 'power', 'energy'],
    // Home Assistant refuses `config` for sensors: they cannot be configured.
    entityCategories: ['diagnostic'],
  },
  event: {
    keys: ['state_topic', 'value_template', 'event_types', 'device_class'],
    required: ['state_topic', 'event_types'],
    deviceClasses: ['button', 'doorbell', 'motion'],
    entityCategories: ['diagnostic'],
  },
  switch: {
    keys: ['command_topic', 'command_template', 'state_topic', 'value_template', 'payload_on', 'payload_off', 'state_on', 'state_off', 'optimistic', 'retain', 'device_class'],
    required: ['command_topic'],
    deviceClasses: ['outlet', 'switch'],
    entityCategories: ['config', 'diagnostic'],
  },
  button: {
    keys: ['command_topic', 'command_template', 'payload_press', 'retain', 'device_class'],
    required: ['command_topic'],
    deviceClasses: ['identify', 'restart', 'update'],
    entityCategories: ['config', 'diagnostic'],
  },
  binary_sensor: {
    keys: ['state_topic', 'value_template', 'device_class', 'expire_after', 'force_update', 'off_delay', 'payload_on', 'payload_off'],
    required: ['state_topic'],
    deviceClasses: ['problem', 'connectivity', 'running', 'sound', 'occupancy'],
    entityCategories: ['diagnostic'],
  },
};

const isTopic = (t: unknown) => typeof t === 'string' && t.length > 0 && !/[+#]/.test(t);

/** Every problem Home Assistant would have with this config, as readable lines (none = valid). */
export function discoveryProblems(component: string, c: Record<string, unknown>): string[] {
  const p = PLATFORMS[component];
  if (!p) return [`no such platform ${component}`];
  const bad: string[] = [];
  for (const k of Object.keys(c)) if (!COMMON.includes(k) && !p.keys.includes(k)) bad.push(`key ${k} is not a ${component} option`);
  for (const k of p.required) if (c[k] === undefined) bad.push(`${k} is required`);
  for (const k of ['state_topic', 'command_topic', 'availability_topic', 'json_attributes_topic']) {
    if (c[k] !== undefined && !isTopic(c[k])) bad.push(`${k} must be a topic without wildcards`);
  }
  if (typeof c.unique_id !== 'string' || !c.unique_id) bad.push('unique_id: needed for the entity to be editable and grouped under its device');
  const d = c.device as Record<string, unknown> | undefined;
  if (!d) bad.push('device block missing');
  else {
    for (const k of Object.keys(d)) if (!DEVICE.includes(k)) bad.push(`device.${k} is not a device key`);
    if (!Array.isArray(d.identifiers) || d.identifiers.length === 0) bad.push('device.identifiers must be a non-empty list');
    if (d.configuration_url !== undefined && !/^(https?|homeassistant):\/\/\S+$/.test(String(d.configuration_url))) bad.push('device.configuration_url must be a URL');
  }
  const o = c.origin as Record<string, unknown> | undefined;
  if (!o || typeof o.name !== 'string') bad.push('origin.name is required when origin is given');
  else for (const k of Object.keys(o)) if (!ORIGIN.includes(k)) bad.push(`origin.${k} is not an origin key`);
  if (c.device_class !== undefined && !p.deviceClasses?.includes(String(c.device_class))) bad.push(`device_class ${c.device_class} is not a ${component} device class`);
  if (c.entity_category !== undefined && !p.entityCategories.includes(String(c.entity_category))) bad.push(`entity_category ${c.entity_category} is not allowed for ${component}`);
  if (c.expire_after !== undefined && !(Number.isInteger(c.expire_after) && (c.expire_after as number) > 0)) bad.push('expire_after must be a positive integer');
  if (component === 'sensor') {
    // sensor.py validate_sensor_state_and_device_class_config / validate_options
    if (c.options !== undefined && c.device_class !== 'enum') bad.push('options needs device_class enum');
    if (c.device_class === 'enum') {
      if (!Array.isArray(c.options) || c.options.length === 0) bad.push('an enum sensor needs options');
      if (c.state_class !== undefined || c.unit_of_measurement !== undefined) bad.push('an enum sensor takes no state_class or unit');
    }
    if (c.state_class !== undefined && !['measurement', 'total', 'total_increasing', 'measurement_angle'].includes(String(c.state_class))) bad.push(`state_class ${c.state_class}`);
    if (c.device_class === 'timestamp' && c.state_class !== undefined) bad.push('a timestamp sensor takes no state_class');
    if (c.device_class === 'duration' && !['s', 'min', 'h', 'd', 'ms', 'μs'].includes(String(c.unit_of_measurement))) bad.push('a duration sensor needs a time unit');
    if (c.suggested_display_precision !== undefined && !Number.isInteger(c.suggested_display_precision)) bad.push('suggested_display_precision must be an integer');
  }
  if (component === 'event') {
    if (!Array.isArray(c.event_types) || c.event_types.length === 0 || !c.event_types.every((e) => typeof e === 'string')) bad.push('event_types must be a non-empty list of strings');
  }
  return bad;
}
