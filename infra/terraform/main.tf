# Invorto on AWS: one VPC, one public ALB with path routing from ../routing.json, four ECS Fargate
# services (api, realtime, webhooks, telephony), ElastiCache Redis, ECR, IAM for tasks and for
# GitHub Actions (OIDC). PostgreSQL is RDS or external and reached through the DB_URL secret.

# Consistency of routing.json with itself and with the sizing variable, checked at plan time.
resource "terraform_data" "routing_consistency" {
  input = local.routing.rules

  lifecycle {
    precondition {
      condition     = alltrue([for rule in local.routing.rules : contains(keys(local.service_ports), rule.service) && try(local.service_ports[rule.service] == rule.port, false)])
      error_message = "Every rule in infra/routing.json must name a service from its services map and that service's port."
    }
    precondition {
      condition     = length(distinct([for rule in local.routing.rules : rule.priority])) == length(local.routing.rules)
      error_message = "Rule priorities in infra/routing.json must be unique."
    }
    precondition {
      condition     = sort(keys(var.service_sizing)) == sort(keys(local.service_ports))
      error_message = "service_sizing must have exactly one entry per service in infra/routing.json."
    }
  }
}

# ---------------------------------------------------------------------------------------------
# KMS: one customer managed key for logs, ECR and Redis at rest.
# ---------------------------------------------------------------------------------------------

#tfsec:ignore:aws-iam-no-policy-wildcards Key policies always use Resource "*" (the key itself).
data "aws_iam_policy_document" "kms" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.aws_partition}:iam::${var.aws_account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogs"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.aws_region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${var.aws_partition}:logs:${var.aws_region}:${var.aws_account_id}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "main" {
  description             = "Invorto ${var.environment}: CloudWatch logs, ECR and ElastiCache at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "main" {
  name          = "alias/${local.name_prefix}"
  target_key_id = aws_kms_key.main.key_id
}

# ---------------------------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------------------------

module "network" {
  source = "./modules/network"

  name_prefix             = local.name_prefix
  vpc_cidr                = var.vpc_cidr
  availability_zones      = var.availability_zones
  single_nat_gateway      = var.single_nat_gateway
  flow_log_retention_days = var.flow_log_retention_days
  kms_key_arn             = aws_kms_key.main.arn
}

module "security" {
  source = "./modules/security"

  name_prefix          = local.name_prefix
  vpc_id               = module.network.vpc_id
  service_ports        = local.service_ports
  database_cidr_blocks = var.database_cidr_blocks
  database_port        = var.database_port
}

module "alb" {
  source = "./modules/alb"

  name_prefix                  = local.name_prefix
  vpc_id                       = module.network.vpc_id
  public_subnet_ids            = module.network.public_subnet_ids
  security_group_id            = module.security.alb_security_group_id
  certificate_arn              = var.certificate_arn
  ssl_policy                   = var.ssl_policy
  idle_timeout                 = var.alb_idle_timeout
  deletion_protection          = var.alb_deletion_protection
  access_logs_bucket           = var.alb_access_logs_bucket
  service_ports                = local.service_ports
  rules                        = local.routing.rules
  health_check                 = local.routing.health_check
  default_action               = local.routing.default_action
  sticky_services              = var.sticky_services
  stickiness_duration_seconds  = var.stickiness_duration_seconds
  deregistration_delay_seconds = var.deregistration_delay_seconds
}

module "waf" {
  source = "./modules/waf"
  count  = var.enable_waf ? 1 : 0

  name_prefix = local.name_prefix
  alb_arn     = module.alb.alb_arn
}

module "ecr" {
  source = "./modules/ecr"

  repository_names = values(local.image_names)
  kms_key_arn      = aws_kms_key.main.arn
}

module "redis" {
  source = "./modules/redis"

  name_prefix              = local.name_prefix
  environment              = var.environment
  subnet_ids               = module.network.private_subnet_ids
  security_group_id        = module.security.redis_security_group_id
  node_type                = var.redis_node_type
  num_cache_clusters       = var.redis_num_cache_clusters
  engine_version           = var.redis_engine_version
  snapshot_retention_limit = var.redis_snapshot_retention_days
  kms_key_arn              = aws_kms_key.main.arn
}

module "iam" {
  source = "./modules/iam"

  name_prefix                 = local.name_prefix
  aws_partition               = var.aws_partition
  aws_region                  = var.aws_region
  aws_account_id              = var.aws_account_id
  cluster_name                = local.cluster_name
  secret_parameter_arns       = local.ssm_parameter_arns
  ssm_kms_key_arn             = var.ssm_kms_key_arn
  ecr_repository_arns         = values(module.ecr.repository_arns)
  github_repository           = var.github_repository
  github_branches             = var.github_branches
  github_environments         = var.github_environments
  create_github_oidc_provider = var.create_github_oidc_provider
  github_oidc_provider_arn    = var.github_oidc_provider_arn
}

module "ecs" {
  source = "./modules/ecs"

  # Target groups must be attached to the ALB (listener rules) before services register into them.
  depends_on = [module.alb]

  aws_region                   = var.aws_region
  cluster_name                 = local.cluster_name
  services                     = local.ecs_services
  image_tag                    = var.image_tag
  environment_variables        = local.environment_variables
  service_environment          = local.service_environment
  secrets                      = local.ssm_parameter_arns
  health_check                 = local.routing.health_check
  execution_role_arn           = module.iam.task_execution_role_arn
  task_role_arn                = module.iam.task_role_arn
  private_subnet_ids           = module.network.private_subnet_ids
  task_security_group_ids      = module.security.task_security_group_ids
  target_group_arns            = module.alb.target_group_arns
  alb_arn_suffix               = module.alb.alb_arn_suffix
  target_group_arn_suffixes    = module.alb.target_group_arn_suffixes
  request_scaled_services      = ["realtime"]
  realtime_requests_per_target = var.realtime_requests_per_target
  log_retention_days           = var.log_retention_days
  kms_key_arn                  = aws_kms_key.main.arn
}

# Optional DNS alias for the environment's host name.
resource "aws_route53_record" "app" {
  count = var.route53_zone_id == "" ? 0 : 1

  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = module.alb.alb_dns_name
    zone_id                = module.alb.alb_zone_id
    evaluate_target_health = true
  }
}
